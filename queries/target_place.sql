-- target_place: the health trust a selection lies within, for choosing its targets (a trust's
-- or a network group's own target wins over the whole region's): the chosen trust, else the
-- trust of the chosen network group, municipality or unit; null when none is chosen.
-- params: health_trust, network_group, municipality, unit
select coalesce(
    $health_trust::varchar,
    (select health_trust from network_group where code = $network_group::varchar),
    (select health_trust from municipality where number = $municipality::varchar),
    (select health_trust from unit where unit_id = $unit::varchar)
) as health_trust
