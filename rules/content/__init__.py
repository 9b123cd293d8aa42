"""content rules: is the body about the article, and are its labels right? (CT)"""

from rules.content import (body_empty, boilerplate_paragraph, off_topic_article, off_topic_section, template_filler,
                           topic_mismatch)

RULES = [off_topic_section, template_filler, boilerplate_paragraph, topic_mismatch, body_empty, off_topic_article]
