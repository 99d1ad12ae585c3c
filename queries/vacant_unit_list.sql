-- vacant_unit_list: the units counted by vacant_units, with the day the last resource nurse
-- left, days vacant on the as-of date, and the unit's leader to contact.
-- params: as_of_date, health_trust, network_group, municipality, profession, network, unit_type
with scoped_unit as (
    select *
    from unit
    where needs_member
        and in_scope(valid_from, valid_to, $as_of_date)
        and in_selection(health_trust, network_group, municipality_number, unit_type,
                         $health_trust, $network_group, $municipality, $unit_type)
        and profession_selected('sykepleier', $profession, $network)
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
    n.last_end_date,
    date_diff('day', n.last_end_date, $as_of_date) as n_days_vacant,
    l.leader_name,
    l.leader_email
from scoped_unit as u
join nurse_unit as n using (unit_id)
join municipality as m on m.number = u.municipality_number
left join unit_leader as l using (unit_id)
where not n.is_covered and n.last_end_date is not null
order by n_days_vacant desc, u.name
