-- expected_attendance_attended: a replica's expected_attendance told again whether each member
-- came, after a change to attendance alone (the pairs stay; rebuilding them is the costly part).
-- The same `is_attended` as expected_attendance_live in views.sql; tests/unit/test_prepared_figures.py
-- compares the table so kept with the view. Only the rows whose answer changed are written.
-- params: (none)
update expected_attendance as x
set is_attended = n.is_attended
from (
    select
        p.rowid as row_number,
        a.status = 'møtt' is true as is_attended
    from expected_attendance as p
    left join attendance as a
        on a.event_id = p.event_id
        and a.person_id = p.member_id
        and a.person_type = 'member'
) as n
where x.rowid = n.row_number
    and x.is_attended is distinct from n.is_attended
