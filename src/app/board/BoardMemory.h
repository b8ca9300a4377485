#pragma once

#include "board/BoardModel.h"

#include <array>

namespace dealboard::gui {

// How the rep left one pipeline's board: its filters, the search, whether
// lost deals show, each column's sort and whether it is collapsed.
struct BoardView
{
    QString search;
    QString owner; // empty: every owner
    QString segment; // empty: every segment
    int activity = 0; // an ActivityView
    bool showLost = false;
    std::array<ColumnSort, StageCount> sorts {};
    std::array<bool, StageCount> collapsed {};
};

// Keeps a BoardView per pipeline in the settings, so that what narrows one
// pipeline's board never narrows another's.
namespace BoardMemory {

BoardView read(const QString& pipeline);
void write(const QString& pipeline, const BoardView& view);

} // namespace BoardMemory

} // namespace dealboard::gui
