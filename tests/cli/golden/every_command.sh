#!/usr/bin/env bash
# Runs every dealboard-cli command, with good and bad input, on a seeded
# pipeline under a fixed clock, and writes what each printed (stdout, stderr,
# exit code) to OUT/transcript.txt and each exported file to OUT/files/.
# The transcript and the files are the CLI's observable behaviour: the
# expected copy in tests/cli/golden/expected/ must stay byte-identical
# (see compare_every_command.sh). --help text is not part of it.
#
#   every_command.sh CLI OUT
set -uo pipefail

cli=$(realpath "$1")
out=$2
rm -rf "$out"
mkdir -p "$out/files"
out=$(realpath "$out")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

export DEALBOARD_NOW=2026-03-15T10:00:00Z
export USER=rep
export HOME="$work/home"
export XDG_DATA_HOME="$work/data"
export LC_ALL=C.UTF-8
mkdir -p "$HOME"

transcript="$out/transcript.txt"
: > "$transcript"

# The temporary folder, and the time a restore stamps on what it keeps aside.
normalize() {
    sed -E -e "s#$work#WORK#g" -e 's#[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{6}-[0-9]{3}\.backup#TIME.backup#g'
}
# run ARGS...: one invocation, recorded.
run() {
    "$cli" "$@" > "$work/stdout" 2> "$work/stderr" < /dev/null
    local code=$?
    {
        printf '$ dealboard-cli'
        printf ' %q' "$@"
        printf '\n'
        normalize < "$work/stdout"
        printf -- '--- stderr\n'
        normalize < "$work/stderr"
        printf -- '--- exit %d\n\n' "$code"
    } >> "$transcript"
}
# run_logged ARGS...: as run, for the change log as CSV, whose times are the
# clock's when the change was written, not DEALBOARD_NOW.
run_logged() {
    run "$@"
    sed -i -E 's/^([0-9]+),[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z,/\1,WHEN,/' "$transcript"
}
# keep FILE: an exported file, recorded byte for byte.
keep() {
    cp "$1" "$out/files/$(basename "$1")"
}

db=(--db pipeline.db)

# Start and usage faults.
run
run frobnicate
run --db
run "${db[@]}" list
run "${db[@]}" init
run "${db[@]}" init
run "${db[@]}" seed --deals 40 --seed 7
run "${db[@]}" seed --deals abc
run "${db[@]}" seed
run "${db[@]}" list
run "${db[@]}" list --format csv
run "${db[@]}" list --format json --status all
run "${db[@]}" list --stage qualifying --owner "Dana Whitfield"
run "${db[@]}" list --stage nowhere
run "${db[@]}" list --status maybe
run "${db[@]}" list --format xml
run "${db[@]}" list extra

# Deals: add, edit, qualify, move, win, lose, reopen, delete.
run "${db[@]}" add --title "Fleet renewal" --company "Northwind" --contact "Ada Byrne" --email ada@northwind.example --owner rep --value 12500.50 --currency EUR --close-date 2026-04-30
run "${db[@]}" add --title "Bad money" --value 12.345
run "${db[@]}" add --title "Huge" --value 999999999999999999
run "${db[@]}" add --value 10
run "${db[@]}" add --title "Tab	in title" --close-date 2026-02-30
run "${db[@]}" add --title "Straight to closing" --stage closing
run "${db[@]}" add --title "Qualified" --willing --need --budget --stage negotiation --value 300 --currency USD
run "${db[@]}" show 41
run "${db[@]}" show 41 --format json
run "${db[@]}" show 9999
run "${db[@]}" show abc
run "${db[@]}" edit 41 --phone "+44 20 7946 0000" --close-date ""
run "${db[@]}" edit 41 --expect-version 1 --title "Stale"
run "${db[@]}" edit 41 --currency euro
run "${db[@]}" move 41 qualifying
run "${db[@]}" move 41 negotiation
run "${db[@]}" qualify 41 --willing yes --need yes
run "${db[@]}" move 41 contacting
run "${db[@]}" qualify 41 --budget maybe
run "${db[@]}" qualify 41 --budget yes
run "${db[@]}" move 41 contacting --actor manager
run "${db[@]}" move 41 nowhere
run "${db[@]}" move 41
run "${db[@]}" win 41
run "${db[@]}" move 41 closing
run "${db[@]}" win 41
run "${db[@]}" move 41 relationship
run "${db[@]}" move 41 negotiation --expect-version 99
run "${db[@]}" move 41 negotiation
run "${db[@]}" move 41 closing
run "${db[@]}" edit 41 --close-date 2026-04-15
run "${db[@]}" move 41 closing
run "${db[@]}" win 41 --actor manager
run "${db[@]}" show 41
run "${db[@]}" lose 42
run "${db[@]}" lose 42 --reason "Budget went elsewhere"
run "${db[@]}" reopen 42
run "${db[@]}" reopen 42
run "${db[@]}" delete 42
run "${db[@]}" delete 42
run "${db[@]}" move 1 42 qualifying
run "${db[@]}" move 1 2 qualifying --expect-version 1
run "${db[@]}" lose 1 2 999 --reason "No decision"
run "${db[@]}" reopen 1 2 --each
run "${db[@]}" followup 41 --title "Fleet add-on" --value 800
run "${db[@]}" followup 1

# Exports and imports of deals.
run "${db[@]}" export deals --out deals.csv
keep deals.csv
run "${db[@]}" export deals --out deals-bom.csv --bom --status all
keep deals-bom.csv
run "${db[@]}" export deals --out - --stage closing
run "${db[@]}" export deals --out pipeline.db
run "${db[@]}" export deals
printf 'title,company,value,currency,stage\nImported one,Acme,100.00,EUR,prospecting\nImported two,Acme,250.00,EUR,qualifying\n' > import-good.csv
printf 'title,company,value,currency,stage\nBroken,Acme,12.3.4,EUR,prospecting\n,NoTitle,1,EUR,prospecting\n' > import-bad.csv
run "${db[@]}" import deals import-good.csv --dry-run
run "${db[@]}" import deals import-good.csv
run "${db[@]}" import deals import-bad.csv
run "${db[@]}" import deals missing.csv
run "${db[@]}" import deals

# Reports and goals.
run "${db[@]}" report
run "${db[@]}" forecast --months 2
run "${db[@]}" forecast --owner "Elena García" --months 1 --format csv
run "${db[@]}" forecast --months 1 --format json
run "${db[@]}" forecast --months 37
run "${db[@]}" report --format csv
run "${db[@]}" report --format json --mode strict
run "${db[@]}" report --from 2026-01-01 --to 2026-03-01 --owner rep
run "${db[@]}" report --from 2026-13-01
run "${db[@]}" report --mode sometimes
run "${db[@]}" goal qualifying --conversion 0.4 --median-days 10
run "${db[@]}" goal closing --conversion 1.5
run "${db[@]}" goal closing --conversion none --median-days none
run "${db[@]}" goal nowhere --conversion 0.2
run "${db[@]}" probability set negotiation 0.35
run "${db[@]}" probability set closing 75%
run "${db[@]}" probability set closing 0.755
run "${db[@]}" probability set nowhere 0.5
run "${db[@]}" probability list
run "${db[@]}" stage list
run "${db[@]}" stage stall negotiation --learned
run "${db[@]}" stage stall closing --days 3
run "${db[@]}" stage stall closing --days -2
run "${db[@]}" stage stall nowhere --days 3
run "${db[@]}" stage stall closing --built-in --days 4
run "${db[@]}" stage list --format csv
run "${db[@]}" stage stall closing --built-in
run "${db[@]}" stage list --format json
run "${db[@]}" stage require relationship --to-enter contact
run "${db[@]}" stage require "Relationship Building" --to-leave activity
run "${db[@]}" stage require relationship --to-enter contact
run "${db[@]}" stage require negotiation --to-enter budget
run "${db[@]}" stage require retention --to-leave value
run "${db[@]}" stage require closing --to-enter colour
run "${db[@]}" stage require closing
run "${db[@]}" stage unrequire closing --to-enter contact
run "${db[@]}" stage list
run "${db[@]}" stage unrequire relationship --to-enter contact
run "${db[@]}" stage unrequire relationship --to-leave activity
run "${db[@]}" stage unrequire relationship --to-leave activity
run "${db[@]}" plan add contacting "Send the intro deck"
run "${db[@]}" plan add contacting "Book a demo" --required
run "${db[@]}" plan add retention "Thank-you call" --required
run "${db[@]}" plan add contacting "   "
run "${db[@]}" plan list
run "${db[@]}" plan list contacting --format csv
run "${db[@]}" plan list --format json
run "${db[@]}" stage require contacting --to-leave plan:1
run "${db[@]}" stage require contacting --to-enter plan:1
run "${db[@]}" stage require contacting --to-leave plan:9
run "${db[@]}" stage list
run "${db[@]}" plan tick 2 1 --stage contacting
run "${db[@]}" plan tick 2 7 --stage contacting
run "${db[@]}" plan untick 2 1 --stage contacting
run "${db[@]}" show 2
run "${db[@]}" stage unrequire contacting --to-leave plan:1
run "${db[@]}" stage unrequire contacting --to-leave plan:2
run "${db[@]}" plan remove contacting 2
run "${db[@]}" plan remove contacting 5
run "${db[@]}" plan list
run "${db[@]}" field add source --name "Lead source" --type choice --choices web,referral,event --on-card
run "${db[@]}" field add seats --name Seats --type number
run "${db[@]}" field add budget_cap --name "Budget cap" --type money
run "${db[@]}" field add source --name Again --type text
run "${db[@]}" field add "Bad Key" --name Bad --type text
run "${db[@]}" field add kind --name Kind --type colour
run "${db[@]}" field add kind --name Kind --type choice
run "${db[@]}" field list
run "${db[@]}" field list --format json
run "${db[@]}" field list --format csv
run "${db[@]}" stage require negotiation --to-enter field:source
run "${db[@]}" stage require retention --to-leave field:seats
run "${db[@]}" stage require closing --to-enter field:nothing
run "${db[@]}" edit 2 --set source=Fair
run "${db[@]}" edit 2 --set source=referral --set seats=0040.50 --set "budget_cap=1250.5 USD"
run "${db[@]}" edit 2 --set seats
run "${db[@]}" edit 2 --set nothing=1
run "${db[@]}" show 2
run "${db[@]}" show 2 --format json
run "${db[@]}" report --by field:source --format csv
run "${db[@]}" report --by field:seats
run "${db[@]}" field rename seats "Licensed seats"
run "${db[@]}" field card seats maybe
run "${db[@]}" stage list
run "${db[@]}" stage unrequire negotiation --to-enter field:source
run "${db[@]}" field remove budget_cap
run "${db[@]}" field remove budget_cap
run "${db[@]}" field list
run "${db[@]}" probability list --format json
run "${db[@]}" probability set closing default
run "${db[@]}" edit 2 --probability 0.5
run "${db[@]}" edit 2 --probability 1.5
run "${db[@]}" quota set "Elena García" 2026-03 50000 EUR
run "${db[@]}" quota set "Bruno Keller" 2026-03 100000.50 EUR
run "${db[@]}" quota set "Bruno Keller" 2026-13 1000 EUR
run "${db[@]}" quota set "Bruno Keller" 2026-03 -5 EUR
run "${db[@]}" quota set "Bruno Keller" 2026-03 1000 euro
run "${db[@]}" quota list --format csv
run "${db[@]}" quota status
run "${db[@]}" quota status --month 2026-03 --format json
run "${db[@]}" quota remove "Bruno Keller" 2026-03 EUR
run "${db[@]}" forecast --months 1
run "${db[@]}" edit 2 --probability none
run_logged "${db[@]}" log --deal 2 --last 3 --format csv
run "${db[@]}" log --deal nope
run "${db[@]}" log --since yesterday
run "${db[@]}" log --last 0
run "${db[@]}" watch --format csv
run "${db[@]}" watch now
run "${db[@]}" export report --out report.csv
keep report.csv
run "${db[@]}" export report --out report-bom.csv --bom --mode strict
keep report-bom.csv

# Organizations and people.
run "${db[@]}" org add --name "Contoso" --industry Retail --size 250 --region EMEA --website https://contoso.example --tags "key, retail"
run "${db[@]}" org add --name "Contoso"
run "${db[@]}" org add
run "${db[@]}" org edit 1 --notes "Head office moved"
run "${db[@]}" org edit 9999 --notes x
run "${db[@]}" org list
run "${db[@]}" org list --search north --format csv
run "${db[@]}" org list --tag key --format json
run "${db[@]}" org show 1
run "${db[@]}" org show 9999
run "${db[@]}" org frob
run "${db[@]}" person add --name "Lin Okafor" --email lin@contoso.example --phone 555-0100 --role Buyer --org Contoso --tags "vip"
run "${db[@]}" person add --name "Lin Again" --email lin@contoso.example
run "${db[@]}" person add --name "No Org" --org "Nowhere Ltd"
run "${db[@]}" person edit 1 --role "Head buyer"
run "${db[@]}" person list
run "${db[@]}" person list --search lin --format json
run "${db[@]}" person list --tag vip --format csv
run "${db[@]}" person show 1
run "${db[@]}" person show 0
run "${db[@]}" person

# Activities, segments, attention.
run "${db[@]}" activity add --deal 41 --subject "Kick-off call" --type call --due 2026-03-16 --time 09:30 --person 1
run "${db[@]}" activity add --deal 41 --subject "Second call" --type call --due 2026-03-17 --person 1
run "${db[@]}" activity add --deal 41 --subject "Second call" --type call --due 2026-03-17 --person 1 --anyway
run "${db[@]}" activity add --deal 41 --subject "Logged" --type email --done
run "${db[@]}" activity add --deal 9999 --subject "Nobody"
run "${db[@]}" activity add --deal 41 --subject "Bad type" --type fax
run "${db[@]}" activity add --deal 41 --subject "Bad time" --time 25:00
run "${db[@]}" activity done 1 --next-subject "Follow-up" --next-type meeting --next-due 2026-03-20 --next-time 14:00
run "${db[@]}" activity done 1
run "${db[@]}" activity list
run "${db[@]}" activity list --deal 41 --format csv
run "${db[@]}" activity list --open --format json
run "${db[@]}" activity list --overdue
run "${db[@]}" activity list --person 1
run "${db[@]}" activity reschedule 2 --due 2026-03-27
run "${db[@]}" activity reschedule 95 --due 2026-03-13
run "${db[@]}" activity reschedule 1 --due 2026-03-30
run "${db[@]}" activity reschedule 2 --due 27.03.2026
run "${db[@]}" activity reschedule 999 --due 2026-03-30
run "${db[@]}" note add 41 --text "Wants the quote by Friday"
run "${db[@]}" note add 41 --text $'Second call:\nbudget confirmed, =SUM(A1) in their sheet' --actor kim
run "${db[@]}" note add 41 --text "   "
run "${db[@]}" note add 41 --text $'bell\a'
run "${db[@]}" note add 9999 --text "Nobody"
run "${db[@]}" note add 41
run "${db[@]}" note add --text "No deal"
run "${db[@]}" note list 41
run "${db[@]}" note list 41 --format csv
run "${db[@]}" note list 41 --format json
run "${db[@]}" note list 41 42
run "${db[@]}" note frob
run "${db[@]}" segment list
run "${db[@]}" segment set vip --min-days 7
run "${db[@]}" segment set vip --min-days none
run "${db[@]}" segment set vip --min-days -3
run "${db[@]}" segment default --min-days 2
run "${db[@]}" segment list
run "${db[@]}" segment frob
run "${db[@]}" attention
run "${db[@]}" attention --format json
run "${db[@]}" attention --format csv

# Contact exports and imports.
for what in organizations people activities notes; do
    run "${db[@]}" export "$what" --out "$what.csv"
    keep "$what.csv"
done
run "${db[@]}" export people --out - --bom
run "${db[@]}" export nothing --out x.csv
printf 'name,email,phone,role,organization,tags\nKim Tran,kim@fabrikam.example,555-0101,CTO,Fabrikam,"tech, vip"\n' > people-good.csv
printf 'name,email\n,nobody@example.com\n' > people-bad.csv
run "${db[@]}" import people people-good.csv --dry-run
run "${db[@]}" import people people-good.csv
run "${db[@]}" import people people-bad.csv
run "${db[@]}" import nothing x.csv
run "${db[@]}" person list --format csv

# Maintenance.
run "${db[@]}" check
run "${db[@]}" backup --out backup.db
run "${db[@]}" backup --out backup.db
run "${db[@]}" backup
run "${db[@]}" restore missing.db
printf 'not a database' > junk.db
run "${db[@]}" restore junk.db
run "${db[@]}" restore backup.db
run "${db[@]}" list --status all --format csv
run "${db[@]}" check
run --db junk.db list
run --db nofolder/pipeline.db init
run "${db[@]}" --verbose list --stage closing

# The last state of every table, as the exports see it.
run "${db[@]}" export deals --out final-deals.csv --status all
keep final-deals.csv
for what in organizations people activities; do
    run "${db[@]}" export "$what" --out "final-$what.csv"
    keep "final-$what.csv"
done
run "${db[@]}" report --format json

# The reporting currency and the exchange rates (after the exports above,
# so that the change log's ids there stay as they were).
run "${db[@]}" currency
run "${db[@]}" currency set EUO
run "${db[@]}" currency set eur
run "${db[@]}" rate set USD 2026-03-01 0.9412
run "${db[@]}" rate set USD 2026-03-01 0,9412
run "${db[@]}" rate set EUR 2026-03-01 1
run "${db[@]}" rate set JPY 2026-03-01 0.0061
run "${db[@]}" rate list
run "${db[@]}" rate list --currency USD --format csv
run "${db[@]}" rate list --format json
run "${db[@]}" rate remove JPY 2026-03-01
run "${db[@]}" rate remove JPY 2026-03-02
exit 0
