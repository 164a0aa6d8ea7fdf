import ast
import asyncio

import pytest

from ecei_analysis.core.collector import YOUNG_THRESHOLD
from ecei_analysis.reports.kernel import KERNEL_IMPORTS, report_kernel

pytestmark = pytest.mark.slow  # a Jupyter kernel


async def _evaluate(manager, expressions: dict[str, str]) -> dict[str, object]:
    """Evaluate expressions in the kernel (once it answers) and return their values."""
    client = manager.client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=120)
        msg_id = client.execute("", silent=True, user_expressions=expressions)
        while True:
            reply = await client.get_shell_msg(timeout=120)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
    finally:
        client.stop_channels()
    values = reply["content"]["user_expressions"]
    return {k: ast.literal_eval(v["data"]["text/plain"]) for k, v in values.items()}


def test_the_kernel_starts_in_the_work_with_its_imports_done_and_leaves_nothing(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # its sockets' names are relative, as papermill's
    with report_kernel(tmp_path) as manager:
        seen = asyncio.run(
            _evaluate(
                manager,
                {
                    "cwd": "__import__('os').getcwd()",
                    "loaded": f"[m in __import__('sys').modules for m in {KERNEL_IMPORTS}]",
                    "report": "__import__('os').environ.get('ECEI_REPORT')",
                    "young": "__import__('gc').get_threshold()[0]",
                },
            )
        )
        sockets = list(tmp_path.glob("kernel-ipc*"))
    assert seen == {
        "cwd": str(tmp_path),
        "loaded": [True] * len(KERNEL_IMPORTS),
        "report": "1",
        "young": YOUNG_THRESHOLD,
    }
    assert sockets  # local sockets, in the work folder while it ran
    assert not manager.has_kernel
    assert not list(tmp_path.iterdir())  # its socket files are gone


def test_a_client_left_connected_is_closed_with_the_kernel(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with report_kernel(tmp_path) as manager:
        left = manager.client()  # as papermill leaves the client of a given kernel
        left.start_channels(hb=False)  # (a heartbeat thread only races the test)
        asyncio.run(left.wait_for_ready(timeout=120))
        assert left.channels_running
    assert not left.channels_running
    assert not manager.has_kernel


def test_the_kernel_is_stopped_when_the_run_fails_early(tmp_path):
    with pytest.raises(ValueError, match="a bad parameter"):
        with report_kernel(tmp_path) as manager:
            raise ValueError("a bad parameter")
    assert not manager.has_kernel
    assert not list(tmp_path.iterdir())
