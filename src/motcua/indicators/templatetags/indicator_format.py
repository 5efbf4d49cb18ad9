from django import template

from motcua.indicators.formatting import count_text, localized_name, percent_text, points_text

register = template.Library()
register.filter("percent", percent_text)
register.filter("points", points_text)
register.filter("count", count_text)
register.filter("localized_name", localized_name)
