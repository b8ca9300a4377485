#pragma once

// The board's undo commands, one per file.
#include "undo/BatchDealCommand.h"
#include "undo/CreateDealCommand.h"
#include "undo/DealCommand.h"
#include "undo/DeleteDealCommand.h"
#include "undo/EditDealCommand.h"
#include "undo/LoseDealCommand.h"
#include "undo/MergeContactsCommand.h"
#include "undo/MoveDealCommand.h"
#include "undo/NoteCommand.h"
#include "undo/RatesCommand.h"
#include "undo/ReopenDealCommand.h"
