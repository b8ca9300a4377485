#pragma once

#include "dealboard/Contacts.h"
#include "dealboard/Note.h"

#include <QIODevice>
#include <vector>

namespace dealboard {

// Organizations, people, activities and notes as CSV, under the same rules as the
// deals: a header of stable snake_case names, typed text guarded against
// formula injection, tags joined with ", ". False when the device refused bytes.
class ContactCsv final
{
public:
    static bool writeOrganizations(QIODevice* device, const std::vector<Organization>& organizations, bool bom);
    static bool writePeople(QIODevice* device, const std::vector<Person>& people, bool bom);
    static bool writeActivities(QIODevice* device, const std::vector<Activity>& activities, bool bom);
    static bool writeNotes(QIODevice* device, const std::vector<Note>& notes, bool bom);
};

} // namespace dealboard
