"""Form rendering shared by every form of the site, allauth's included.

Forms look and behave like the GOV.UK Design System's: label, hint, the error message
next to the field, and the input tied to its hint and error for screen readers.
"""

from django.forms import BoundField
from django.forms.renderers import TemplatesSetting


class DescribedBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.errors and self.auto_id:
            attrs["aria-invalid"] = "true"
            described_by = attrs.get("aria-describedby", "").split()
            attrs["aria-describedby"] = " ".join([*described_by, f"{self.auto_id}_error"])
        return attrs


class FormRenderer(TemplatesSetting):
    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"
    bound_field_class = DescribedBoundField
