"""read_rows builds the same instances the ORM builds, converters included, with further columns beside them."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from motcua.accounts.models import User
from motcua.core.row_read import model_columns, read_rows
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def _fields(user: User) -> dict:
    return {f.attname: getattr(user, f.attname) for f in User._meta.concrete_fields}


def test_instances_match_the_orm_with_further_columns():
    joined = datetime(2026, 11, 30, 8, 15, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    first = UserFactory(username="an", full_name="Nguyễn Văn An", date_joined=joined, last_login=joined)
    UserFactory(username="binh", last_login=None)
    table = connection.ops.quote_name(User._meta.db_table)
    rows = read_rows(
        User,
        f"SELECT {model_columns(User, 'u', connection)}, LENGTH(u.username) FROM {table} u ORDER BY u.username",  # noqa: S608
        [],
    )
    assert [(user.username, extra) for user, extra in rows] == [("an", (2,)), ("binh", (4,))]
    read, orm = rows[0][0], User.objects.get(pk=first.pk)
    assert _fields(read) == _fields(orm)
    assert read.date_joined == joined and read.last_login == joined  # timestamps converted on every database
    assert rows[1][0].last_login is None
    assert not read._state.adding and read._state.db == "default"
    read.full_name = "Nguyễn Văn Ân"
    read.save(update_fields=["full_name"])  # a normal model instance
    assert User.objects.get(pk=first.pk).full_name == "Nguyễn Văn Ân"


def test_no_rows_gives_an_empty_list():
    table = connection.ops.quote_name(User._meta.db_table)
    sql = f"SELECT {model_columns(User, 'u', connection)} FROM {table} u WHERE u.id = %s"  # noqa: S608
    assert read_rows(User, sql, [-1]) == []
