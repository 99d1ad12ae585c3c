-- prize_draw_record: store one prize draw (who drew, when, the seed, the winners, the group it
-- was made among).
-- params: year, drawn_at, drawn_by, seed, n_candidates, winners, filters, network_group
insert into prize_draw (
    draw_id, year, drawn_at, drawn_by, seed, n_candidates, winners, filters, network_group
)
values (
    (select coalesce(max(draw_id), 0) + 1 from prize_draw),
    $year, $drawn_at, $drawn_by, $seed, $n_candidates, $winners, $filters, $network_group
)
