-- uncovered_unit_list: units in scope that need a resource nurse and have none on the as-of
-- date, whether they ever had one (vacant) or not, with the last end date and the leader to
-- contact.
-- params: as_of_date, health_trust, network_group, municipality, unit_type
with scoped_unit as (
    select *
    from unit
    where needs_member
        and in_scope(valid_from, valid_to, $as_of_date)
        and in_selection(health_trust, network_group, municipality_number, unit_type,
                         $health_trust, $network_group, $municipality, $unit_type)
),

nurse_unit as (
    select
        unit_id,
        bool_or(is_active(start_date, end_date, $as_of_date)) as is_covered,
        max(end_date) filter (where end_date < $as_of_date) as last_end_date
    from member
    where profession = 'sykepleier'
    group by unit_id
),

unit_leader as (
    select unit_id, min(name) as leader_name, min(email) as leader_email
    from leader
    group by unit_id
)

select
    u.unit_id,
    u.name as unit_name,
    u.unit_type,
    m.name as municipality_name,
    u.network_group,
    g.name as network_group_name,
    n.last_end_date is not null as is_vacant,
    n.last_end_date,
    date_diff('day', n.last_end_date, $as_of_date) as n_days_vacant,
    l.leader_name,
    l.leader_email
from scoped_unit as u
left join nurse_unit as n using (unit_id)
join municipality as m on m.number = u.municipality_number
left join network_group as g on g.code = u.network_group
left join unit_leader as l using (unit_id)
where not coalesce(n.is_covered, false)
order by is_vacant desc, n_days_vacant desc nulls last, m.name, u.name
