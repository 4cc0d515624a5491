"""Providers: the list, a new provider, and one provider's name, kind and local delivery units
(inspection managers)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from sufficiency.web.inspections.errors import Problems
from sufficiency.web.inspections.forms import show_problems
from sufficiency.web.providers import services
from sufficiency.web.providers.forms import ProviderForm
from sufficiency.web.providers.models import Provider, ProviderKind


@require_GET
@permission_required("providers.change_provider", raise_exception=True)
def provider_list(request: HttpRequest) -> HttpResponse:
    providers = Provider.objects.prefetch_related("ldus")
    return render(request, "providers/list.html", {"providers": providers})


@require_http_methods(["GET", "POST"])
@permission_required("providers.add_provider", raise_exception=True)
def provider_create(request: HttpRequest) -> HttpResponse:
    form = ProviderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["name"].strip()
        if Provider.objects.filter(name=name).exists():
            form.add_error("name", f"There is already a provider called {name}")
            form.govuk_attrs()
        else:
            provider = services.create_provider(
                name, ProviderKind(form.cleaned_data["kind"]), actor=request.user
            )
            if _save(request, form, provider):
                messages.success(request, f"{provider.name} added")
                return redirect("providers:list")
    return render(request, "providers/form.html", {"form": form, "provider": None})


@require_http_methods(["GET", "POST"])
@permission_required("providers.change_provider", raise_exception=True)
def provider_edit(request: HttpRequest, pk: int) -> HttpResponse:
    provider = get_object_or_404(Provider, pk=pk)
    initial = {
        "name": provider.name,
        "kind": provider.kind,
        "ldus": "\n".join(provider.ldus.values_list("name", flat=True)),
    }
    form = ProviderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _save(request, form, provider):
        messages.success(request, f"{provider.name} saved")
        return redirect("providers:list")
    return render(request, "providers/form.html", {"form": form, "provider": provider})


def _save(request: HttpRequest, form: ProviderForm, provider: Provider) -> bool:
    try:
        services.change_provider(
            provider,
            name=form.cleaned_data["name"],
            kind=ProviderKind(form.cleaned_data["kind"]),
            ldu_names=form.ldu_names(),
            actor=request.user,
        )
    except Problems as exc:
        show_problems(form, exc)
        return False
    return True
