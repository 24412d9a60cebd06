"""GOV.UK Notify as a Django email backend, for councils that send through Notify rather than SMTP.

    EMAIL_BACKEND=tracker.reminders.notify.NotifyEmailBackend
    NOTIFY_API_KEY=<key from Notify's API integration page>
    NOTIFY_EMAIL_TEMPLATE_ID=<id of an email template whose subject is ((subject)) and body ((body))>

Notify sends from its own templates, so one template passes our subject and plain-text body through; the HTML
alternative is not used (Notify lays the email out itself). Each recipient is one Notify request.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently: bool = False, **kwargs: object) -> None:
        super().__init__(fail_silently=fail_silently, **kwargs)
        if not settings.NOTIFY_API_KEY or not settings.NOTIFY_EMAIL_TEMPLATE_ID:
            raise ImproperlyConfigured("the Notify email backend needs NOTIFY_API_KEY and "
                                       "NOTIFY_EMAIL_TEMPLATE_ID")
        from notifications_python_client.notifications import NotificationsAPIClient

        self.client = NotificationsAPIClient(settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL)

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        from notifications_python_client.errors import APIError

        sent = 0
        for message in email_messages:
            try:
                for address in message.recipients():
                    self.client.send_email_notification(
                        email_address=address, template_id=settings.NOTIFY_EMAIL_TEMPLATE_ID,
                        personalisation={"subject": message.subject, "body": message.body})
                sent += 1
            except APIError:
                if not self.fail_silently:
                    raise
        return sent
