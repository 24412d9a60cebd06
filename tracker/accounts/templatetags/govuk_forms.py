"""Render a Django form field with the GOV.UK Frontend class for its widget, so any form (ours or Django's
auth forms) looks right without widget declarations in every form."""

from __future__ import annotations

from django import forms, template
from django.utils.safestring import SafeString

register = template.Library()

_CLASSES = {
    forms.Select: "govuk-select",
    forms.Textarea: "govuk-textarea",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.FileInput: "govuk-file-upload",
}


@register.filter
def govuk_widget(field: forms.BoundField) -> SafeString:
    widget = field.field.widget
    css = next((c for cls, c in _CLASSES.items() if isinstance(widget, cls)), "govuk-input")
    if field.errors:
        css += f" {css.split()[0]}--error"
    described = [f"{field.auto_id}-hint"] if field.help_text else []
    described += [f"{field.auto_id}-error"] if field.errors else []
    attrs = {"class": css}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)
