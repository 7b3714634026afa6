"""Forms: one per purpose, labels and hints written for applicants, every string translatable."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ProblemReportForm(forms.Form):
    """ "Report a problem with this information": no personal data needed."""

    message = forms.CharField(
        label=_("What is wrong or out of date?"),
        help_text=_("Please do not write personal data such as passport numbers."),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    email = forms.EmailField(
        label=_("Your e-mail (optional)"),
        help_text=_("Only if you want us to be able to ask you about it."),
        required=False,
        max_length=254,
    )

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Please describe the problem."))
        return message
