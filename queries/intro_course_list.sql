-- intro_course_list: the new members behind intro_course_uptake, with the day they started,
-- whether and when they attended an intro course in their window, and when the window closes.
-- Person-level.
-- params: year, as_of_date, health_trust, network_group, municipality, profession, network, unit_type
with first_appointment as (
    select member_id, arg_min(unit_id, start_date) as unit_id,
        arg_min(profession, start_date) as profession, arg_min(name, start_date) as member_name,
        min(start_date) as start_date
    from member
    group by member_id
),

new_member as (
    select f.*, u.name as unit_name, u.network_group
    from first_appointment as f
    join unit as u using (unit_id)
    where year(f.start_date) = $year
        and f.start_date <= $as_of_date
        and in_selection(u.health_trust, u.network_group, u.municipality_number, u.unit_type,
                         $health_trust, $network_group, $municipality, $unit_type)
        and profession_selected(f.profession, $profession, $network)
),

attended as (
    select n.member_id, min(e.event_date) as course_date
    from new_member as n
    join attendance as a
        on a.person_id = n.member_id and a.person_type = 'member' and a.status = 'møtt'
    join event as e
        on e.event_id = a.event_id and e.kind = 'introkurs'
        and e.event_date between n.start_date - interval 90 day and n.start_date + interval 365 day
    group by n.member_id
)

select
    n.member_id,
    n.member_name,
    n.profession,
    n.unit_name,
    n.network_group,
    n.start_date,
    a.course_date,
    cast(n.start_date + interval 365 day as date) as window_closes_on
from new_member as n
left join attended as a using (member_id)
order by a.course_date is not null, n.start_date
