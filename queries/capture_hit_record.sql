-- capture_hit_record: count one check-in or questionnaire attempt for the rate limits.
-- params: at, kind, link_key, address_key
insert into capture_hit (hit_at, kind, link_key, address_key)
values ($at, $kind, $link_key, $address_key)
