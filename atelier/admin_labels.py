"""Labels the Django admin leaves out, for the coordinator's screen reader (WCAG 2.1 AA).

A tabular inline or an editable list names its fields only in the column heads: each
field in a row gets an aria-label of its own ("aanwezig geweest: Ria Jansen").
"""

from django.utils.translation import gettext_lazy as _

# The event's and the item's slug: "adres" beside "plaats" read as a street address.
WEB_ADDRESS_LABEL = _("Web address (slug)")


def label_rows(formset_class):
    """`formset_class` whose every row's fields carry their column head and the row."""

    class LabelledRows(formset_class):
        def add_fields(self, form, index):
            super().add_fields(form, index)
            row = str(form.instance) if form.instance.pk else _("new row")
            for field in form.fields.values():
                if field.label:
                    field.widget.attrs.setdefault("aria-label", f"{field.label}: {row}")

    return LabelledRows


class LabelledInlineMixin:
    """For a TabularInline: every field of every row has a name."""

    def get_formset(self, request, obj=None, **kwargs):
        return label_rows(super().get_formset(request, obj, **kwargs))


class LabelledChangelistMixin:
    """For a ModelAdmin with list_editable: every editable cell has a name."""

    def get_changelist_formset(self, request, **kwargs):
        return label_rows(super().get_changelist_formset(request, **kwargs))


class WebAddressLabelMixin:
    """For a ModelAdmin whose model has a slug: call it a web address."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "slug" and field is not None:
            field.label = WEB_ADDRESS_LABEL
        return field
