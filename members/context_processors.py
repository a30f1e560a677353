from .access import Access


def access(request):
    """What the current user may see and do, for navigation and templates."""
    return {"access": Access(request.user)}
