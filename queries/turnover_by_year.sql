-- turnover_by_year: per year up to the as-of date's, members who started (first appointment) and
-- who left (last appointment ended on or before the as-of date, nothing after it; an end date
-- still ahead is a planned end, not a departure), by the unit of that appointment. One selection
-- (its filters; every year).
-- params: selections
with sel as (
    select * from selections($selections)
),

person as (
    select
        member_id,
        arg_min(unit_id, start_date) as first_unit_id,
        min(start_date) as first_start_date,
        arg_max(unit_id, start_date) as last_unit_id,
        arg_max(profession, start_date) as profession,
        max(start_date) as last_start_date,
        bool_or(end_date is null) as is_open
    from member
    group by member_id
),

last_end as (
    select p.member_id, p.last_unit_id, m.end_date as left_date
    from person as p
    join member as m on m.member_id = p.member_id and m.start_date = p.last_start_date
    join sel on m.end_date <= sel.as_of_date
    where not p.is_open and m.end_date is not null
),

started as (
    select year(p.first_start_date) as year, count(*) as n_started
    from person as p
    join unit as u on u.unit_id = p.first_unit_id
    join sel on p.first_start_date <= sel.as_of_date and in_selection(u.unit_id, u.health_trust, u.network_group, u.municipality_number, u.unit_type,
        sel.health_trust, sel.network_group, sel.municipality, sel.unit_type, sel.unit)
        and profession_selected(p.profession, sel.profession, sel.network)
    group by all
),

left_network as (
    select year(l.left_date) as year, count(*) as n_left
    from last_end as l
    join person as p using (member_id)
    join unit as u on u.unit_id = l.last_unit_id
    join sel on in_selection(u.unit_id, u.health_trust, u.network_group, u.municipality_number, u.unit_type,
        sel.health_trust, sel.network_group, sel.municipality, sel.unit_type, sel.unit)
        and profession_selected(p.profession, sel.profession, sel.network)
    group by all
)

select
    year,
    coalesce(s.n_started, 0) as n_started,
    coalesce(l.n_left, 0) as n_left
from started as s
full outer join left_network as l using (year)
where year >= 2015
order by year
