#pragma once

#include "dealboard/PipelineReview.h"
#include "dealboard/Result.h"

class QIODevice;

namespace dealboard {

// The weekly pipeline review as a PDF of three A4 pages, for print: the
// funnel and the forecast on the first, each owner's month against quota
// and the most neglected deals on the second, the forecast's accuracy and
// the slipped deals on the third. Needs a QGuiApplication.
namespace ReviewDocument {

// Writes the PDF to `device`; false when the device refused a write.
bool write(const PipelineReview& review, QIODevice* device);
// Writes it to `path` atomically, beside nothing of the pipeline's
// (`databasePath` is refused as a target).
Result<void> save(const PipelineReview& review, const QString& path, const QString& databasePath);

} // namespace ReviewDocument

} // namespace dealboard
