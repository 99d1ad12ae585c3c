-- intro_course_uptake: new members (first appointment starts in the year, on or before the as-of
-- date) who attended (status møtt) an intro course (kind introkurs) held from 90 days before to
-- 365 days after that start / new members. A course early next year counts for this year's new
-- members once it has been held; one whose window is still open and who has not attended counts
-- as not (yet) attended. Filters apply to the unit and profession of the first appointment.
-- params: year, as_of_date, health_trust, network_group, municipality, profession, network, unit_type
with first_appointment as (
    select member_id, arg_min(unit_id, start_date) as unit_id,
        arg_min(profession, start_date) as profession, min(start_date) as start_date
    from member
    group by member_id
),

new_member as (
    select f.member_id, f.start_date
    from first_appointment as f
    join unit as u using (unit_id)
    where year(f.start_date) = $year
        and f.start_date <= $as_of_date
        and in_selection(u.health_trust, u.network_group, u.municipality_number, u.unit_type,
                         $health_trust, $network_group, $municipality, $unit_type)
        and profession_selected(f.profession, $profession, $network)
),

intro_attended as (
    select distinct n.member_id
    from new_member as n
    join attendance as a
        on a.person_id = n.member_id
        and a.person_type = 'member'
        and a.status = 'møtt'
    join event as e
        on e.event_id = a.event_id
        and e.kind = 'introkurs'
        and e.event_date between n.start_date - interval 90 day and n.start_date + interval 365 day
)

select
    count(intro_attended.member_id) as numerator,
    count(*) as denominator
from new_member
left join intro_attended using (member_id)
