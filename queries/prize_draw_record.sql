-- prize_draw_record: store one prize draw (who drew, when, the seed, the winners).
-- params: year, drawn_at, drawn_by, seed, n_candidates, winners, filters
insert into prize_draw (year, drawn_at, drawn_by, seed, n_candidates, winners, filters)
values ($year, $drawn_at, $drawn_by, $seed, $n_candidates, $winners, $filters)
returning draw_id
