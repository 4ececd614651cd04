"""nbgrader's ``Execute`` with kernel start and shutdown taken off the critical path.

nbgrader starts a kernel for every notebook, waits until it is ready, runs the
notebook, then waits for the kernel to exit. For a short assignment much of that
is waiting: the kernel boots (importing IPython) while nothing else happens, and
the shutdown is a poll loop. :class:`PooledExecute` keeps one spare kernel
booting while the current notebook runs, and lets finished kernels shut down in
the background while the next notebook runs.

Isolation is unchanged: every notebook gets a kernel that no other notebook has
used. A spare is a freshly started process, handed out once and never returned;
finished kernels are only ever shut down. A spare is started before its notebook's
folder exists, so it boots in an empty folder and changes into the notebook's
folder (nbgrader's working directory) with a silent execute that defines no names,
before any cell runs.

Used by ``unruffled grade`` on each shard's command line
(``--Autograde.autograde_preprocessors``); plain ``nbgrader autograde`` is not
affected. Everything else (cell timeouts and interrupts, error recording, the
kernel spec) is nbgrader's ``Execute`` as configured in ``nbgrader_config.py``.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import shutil
import tempfile
import time
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import ensure_async, ensure_event_loop, run_sync
from nbgrader.preprocessors import Execute

POOL_LOG_MARK = "kernel pool:"
"""Start of the log line :class:`PooledExecute` writes for each notebook (tests look for it)."""


class KernelPool:
    """At most one spare started kernel, plus kernels shutting down in the background.

    One pool per process (see :func:`shared_pool`); it runs its asynchronous work on
    the same event loop nbclient uses in this thread, so background shutdowns make
    progress whenever a notebook is being executed.
    """

    def __init__(self) -> None:
        self.loop = ensure_event_loop()
        # Spares boot here: the next notebook's folder does not exist yet.
        self.home = tempfile.mkdtemp(prefix="unruffled-kernels-")
        self._spare: tuple[tuple, AsyncKernelManager, float] | None = None
        self._closing: set[asyncio.Task] = set()

    def take(self, key: tuple, make: Any, extra_arguments: list[str]) -> tuple[AsyncKernelManager, float]:
        """A started kernel for ``key`` and how long ago it was started (0 if started now).

        ``make`` builds an unstarted kernel manager. A spare of another kernel spec,
        or one that died while waiting, is shut down and a new kernel is started.
        """
        spare, self._spare = self._spare, None
        if spare is not None:
            spare_key, km, started = spare
            if spare_key == key and self._run(km.is_alive()):
                return km, time.monotonic() - started
            self.retire(km, now=True)  # never used
        return self._start(make, extra_arguments), 0.0

    def prestart(self, key: tuple, make: Any, extra_arguments: list[str]) -> None:
        """Start the kernel the next notebook will most likely ask for."""
        if self._spare is None:
            self._spare = (key, self._start(make, extra_arguments), time.monotonic())

    def retire(self, km: AsyncKernelManager, now: bool = False) -> None:
        """Shut ``km`` down in the background: gracefully (killed after its ``shutdown_wait_time``), or at once."""
        task = self.loop.create_task(self._shutdown(km, now))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    def close(self) -> None:
        """Shut down the spare and wait for every background shutdown to finish."""
        if self._spare is not None:
            # Never used, and maybe still booting (a shutdown request would wait for it): kill it.
            self.retire(self._spare[1], now=True)
            self._spare = None
        if self._closing and not self.loop.is_closed():
            self.loop.run_until_complete(asyncio.gather(*self._closing, return_exceptions=True))
        shutil.rmtree(self.home, ignore_errors=True)

    def _start(self, make: Any, extra_arguments: list[str]) -> AsyncKernelManager:
        km = make()
        # env is copied now, so NBGRADER_EXECUTION=autograde (set by nbgrader around
        # the autograde step, during which this runs) reaches the kernel as usual.
        self._run(km.start_kernel(extra_arguments=list(extra_arguments), cwd=self.home, env=dict(os.environ)))
        return km

    def _run(self, awaitable: Any) -> Any:
        return self.loop.run_until_complete(ensure_async(awaitable))

    @staticmethod
    async def _shutdown(km: AsyncKernelManager, now: bool) -> None:
        try:
            if await km.is_alive():
                await km.shutdown_kernel(now=now)
        except Exception:
            # A kernel that died on its own (a learner's os._exit) has nothing to stop.
            pass
        finally:
            await ensure_async(km.cleanup_resources())


_POOL: KernelPool | None = None


def shared_pool() -> KernelPool:
    """This process's pool, created on first use and closed when the process exits."""
    global _POOL
    if _POOL is None:
        _POOL = KernelPool()
        atexit.register(_POOL.close)
    return _POOL


class PooledExecute(Execute):
    """nbgrader's ``Execute``, taking a fresh pre-started kernel for each notebook.

    Configure it in place of ``nbgrader.preprocessors.Execute`` in
    ``Autograde.autograde_preprocessors``; it reads the same configuration
    (``Execute.*``, ``ExecutePreprocessor.*``).
    """

    _working_dir: str | None = None

    def preprocess(self, nb, resources=None, km=None):
        """Execute ``nb`` in a kernel taken from the pool, then retire that kernel."""
        kernel_name = self.kernel_name or nb.metadata.get("kernelspec", {}).get("name") or ""
        if km is not None or not issubclass(self.kernel_manager_class, AsyncKernelManager) \
                or kernel_name not in ("", "python", "python3"):
            # The chdir below is Python; other kernels run exactly as nbgrader runs them.
            return super().preprocess(nb, resources, km)
        self._working_dir = ((resources or {}).get("metadata") or {}).get("path") or None
        args = list(self.extra_arguments)
        if self.ipython_hist_file and not any(a.startswith("--HistoryManager.hist_file") for a in args):
            args.append(f"--HistoryManager.hist_file={self.ipython_hist_file}")  # as nbclient does for IPython
        key = (kernel_name, tuple(args), self.kernel_manager_class)

        def make() -> AsyncKernelManager:
            if kernel_name:
                return self.kernel_manager_class(kernel_name=kernel_name, config=self.config)
            return self.kernel_manager_class(config=self.config)

        pool = shared_pool()
        t0 = time.monotonic()
        km, age = pool.take(key, make, args)
        pool.prestart(key, make, args)
        try:
            out = super().preprocess(nb, resources, km)
            self.log.info("%s notebook ran in a kernel started %.2f s before it was needed; %.2f s in all",
                          POOL_LOG_MARK, age, time.monotonic() - t0)
            return out
        finally:
            if self.kc is not None:
                self.kc.stop_channels()
                self.kc = None
            pool.retire(km)

    async def async_start_new_kernel_client(self):
        """Connect to the kernel, then move it into the notebook's folder."""
        kc = await super().async_start_new_kernel_client()
        if self._working_dir:
            await self._enter_working_dir(self._working_dir)
        return kc

    # nbclient's setup_kernel calls the synchronous wrapper, which must wrap the override.
    start_new_kernel_client = run_sync(async_start_new_kernel_client)

    async def _enter_working_dir(self, path: str) -> None:
        # No names are bound in the learner's namespace; _dh is IPython's record of the start folder.
        code = (f"__import__('os').chdir({path!r})\n"
                f"get_ipython().user_ns['_dh'][:] = [__import__('pathlib').Path({path!r})]")
        assert self.kc is not None
        msg_id = self.kc.execute(code, silent=True, store_history=False, allow_stdin=False)
        reply = await self.async_wait_for_reply(msg_id)
        if not reply or reply["content"].get("status") != "ok":
            content = (reply or {}).get("content", {})
            raise RuntimeError(f"could not change the kernel's folder to {path}: "
                               f"{content.get('ename', 'no reply')}: {content.get('evalue', '')}")


def pooled_preprocessors(config: Any) -> list[str] | None:
    """The course's ``Autograde.autograde_preprocessors`` with ``Execute`` swapped for :class:`PooledExecute`.

    ``config`` is the course's loaded traitlets config. Returns ``None`` when the
    list has no plain ``Execute`` to swap (a course with its own executor keeps it).
    """
    from nbgrader.converters import Autograde

    configured = config.Autograde.get("autograde_preprocessors") if "Autograde" in config else None
    entries = configured if configured is not None else Autograde.class_traits()["autograde_preprocessors"].default()
    names = [e if isinstance(e, str) else f"{e.__module__}.{e.__qualname__}" for e in entries]
    plain = {"nbgrader.preprocessors.Execute", "nbgrader.preprocessors.execute.Execute"}
    if not plain & set(names):
        return None
    return [f"{PooledExecute.__module__}.{PooledExecute.__qualname__}" if n in plain else n for n in names]
