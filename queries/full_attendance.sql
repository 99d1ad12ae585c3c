-- full_attendance: members (by member_id) expected at one or more network meetings, conference
-- days or gatherings of the year, held on or before the as-of date; numerator: those who
-- attended every one of them (the prize draw). The list: full_attendance_list.
-- params: selections
-- reads: attendance, event, member, unit
with expected as (
    select selection_id, member_id, event_id, bool_or(is_attended) as is_attended
    from selected_attendance($selections, ['nettverksmote', 'fagdag', 'samling'])
    group by selection_id, member_id, event_id
),

per_member as (
    select selection_id, member_id, bool_and(is_attended) as attended_all
    from expected
    group by selection_id, member_id
)

select
    selection_id,
    count(*) filter (where attended_all) as numerator,
    count(*) as denominator
from per_member
group by selection_id
