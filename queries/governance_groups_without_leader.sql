-- governance_groups_without_leader: network groups with no leader in office on the as-of date (no
-- assignment to body 'nettverksgruppe' with role 'leder' in force that day; `governance_register`
-- in views.sql), with the end of the last leader's term before it (NULL: never had one), the days
-- since, and the start of a leader appointed to come. health_trust NULL = all.
-- params: as_of_date, health_trust
with leaders as (
    select network_group, start_date, term_end, is_active
    from governance_register($as_of_date)
    where body = 'nettverksgruppe' and role = 'leder'
),
without_leader as (
    select
        g.code as network_group,
        g.name as network_group_name,
        g.network,
        g.health_trust,
        (
            select max(l.term_end) from leaders as l
            where l.network_group = g.code and l.term_end < $as_of_date
        ) as last_term_end,
        (
            select min(l.start_date) from leaders as l
            where l.network_group = g.code and l.start_date > $as_of_date
        ) as next_start_date
    from network_group as g
    where ($health_trust is null or g.health_trust = $health_trust)
        and not exists (
            select 1 from leaders as l where l.network_group = g.code and l.is_active
        )
)
select
    *,
    date_diff('day', last_term_end, $as_of_date::date) as n_days_without
from without_leader
order by health_trust, network_group
