"""Numbers in Chinese as official statistics print them, "588,169": Django's zh_Hans formats group by ten
thousand with no separator, so ``intcomma`` would print "588169". The rest of Django's formats stand."""

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
