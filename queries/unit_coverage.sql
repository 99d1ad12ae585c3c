-- unit_coverage: units in scope that need a member and have >= 1 active resource nurse
-- (profession sykepleier) on the as-of date / units in scope that need a member.
-- A profession filter other than sykepleier leaves nothing to count (no data).
-- params: as_of_date, health_trust, network_group, municipality, profession, network, unit_type
with scoped_unit as (
    select unit_id
    from unit
    where needs_member
        and in_scope(valid_from, valid_to, $as_of_date)
        and in_selection(health_trust, network_group, municipality_number, unit_type,
                         $health_trust, $network_group, $municipality, $unit_type)
        and profession_selected('sykepleier', $profession, $network)
),

covered_unit as (
    select distinct unit_id
    from member
    where profession = 'sykepleier'
        and is_active(start_date, end_date, $as_of_date)
)

select
    count(covered_unit.unit_id) as numerator,
    count(*) as denominator
from scoped_unit
left join covered_unit using (unit_id)
