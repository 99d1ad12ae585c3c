-- capture_hits_count: attempts of one kind (innsjekk, svar) since a moment, from one client
-- address (a keyed hash) and with one link (an event's, or a respondent's): the rate limits.
-- params: kind, link_key, address_key, since
select
    count(*) filter (where address_key = $address_key) as n_address,
    count(*) filter (where link_key = $link_key) as n_link
from capture_hit
where kind = $kind and hit_at >= $since
