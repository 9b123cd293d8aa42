"""URL rules: every URL field of the article and its related items (URL001...)."""

from rules.urls import (
    amp_url_mismatch,
    provider_domain_mismatch,
    url_insecure,
    url_invalid,
    url_mismatch,
    url_relative,
    url_tracking_params,
)

RULES = [url_invalid, url_relative, url_insecure, url_tracking_params, provider_domain_mismatch,
         amp_url_mismatch, url_mismatch]
