-- vacant_units: units in scope that need a member, are not covered by an active sykepleier on
-- the as-of date, but had a sykepleier appointment that ended before it. A count:
-- numerator = the vacant units, denominator = the units in scope that need a member.
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

nurse_unit as (
    select
        unit_id,
        bool_or(is_active(start_date, end_date, $as_of_date)) as is_covered,
        bool_or(end_date < $as_of_date) as had_member_before
    from member
    where profession = 'sykepleier'
    group by unit_id
)

select
    count(*) filter (where not nurse_unit.is_covered and nurse_unit.had_member_before) as numerator,
    count(*) as denominator
from scoped_unit
left join nurse_unit using (unit_id)
