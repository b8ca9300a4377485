#pragma once

#include <QtGlobal>

namespace dealboard {

// What a copy of a pipeline moved.
struct CopyCounts
{
    qint64 deals = 0;
    qint64 rows = 0; // in every table
    qint64 milliseconds = 0;
};

} // namespace dealboard
