"""The Django admin's user pages carry the provider a user belongs to (superusers only).

Every change made here is audited by ``audit.signals``, like a change made anywhere else.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from sufficiency.web.accounts.models import Profile


class ProfileInline(admin.StackedInline[Profile, User]):
    model = Profile
    can_delete = False
    fields = ("provider",)


admin.site.unregister(User)


@admin.register(User)
class SufficiencyUserAdmin(UserAdmin[User]):
    inlines = (ProfileInline,)
