"""A headless Streamlit client that speaks the app's own websocket protocol.

It opens /_stcore/stream like a browser tab, asks for reruns with BackMsg.rerun_script (whose
ClientState carries the page and the URL's query string, so a rerun can change the scene
through the URL state) and times each one until the server's script_finished message. It can
press a button as a browser does (a rerun whose widget state carries the button's trigger), and
keeps what the last script run showed: its texts, its buttons, its progress bars. Used by the
benchmarks and the classroom load test; needs only streamlit's bundled protobufs.
"""

from __future__ import annotations

import asyncio
import socket
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


@dataclass(frozen=True)
class ButtonInfo:
    id: str  # the widget id a press sends back; ends with the button's key when it has one
    disabled: bool


@dataclass
class RerunResult:
    ms: float  # from sending the request to the server's script_finished
    bytes: int  # everything the server sent for this rerun
    exceptions: list[str] = field(default_factory=list)  # st.exception elements shown
    chart_bytes: int = 0  # JSON of the plotly charts drawn
    finished: bool = True
    # What the page shows after its last script run (a script that calls st.rerun() runs again):
    texts: list[str] = field(default_factory=list)  # markdown, captions, alerts, progress texts
    buttons: dict[str, ButtonInfo] = field(default_factory=dict)  # by label
    # (time.perf_counter(), value 0..100) of every progress bar update, in the order received
    progress: list[tuple[float, int]] = field(default_factory=list)
    tables: list[bytes] = field(default_factory=list)  # each table's Arrow data (st.table, st.dataframe)
    widgets: dict[str, str] = field(default_factory=dict)  # every widget's id, by its label

    def shows(self, text: str) -> bool:
        """Whether some text on the page contains `text`."""
        return any(text in shown for shown in self.texts)


class StreamlitSession:
    """One browser-like session; use `async with StreamlitSession(url) as s`."""

    def __init__(self, base_url: str, timeout: float = 120.0) -> None:
        self.ws_url = base_url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.origin = base_url.rstrip("/")
        self.timeout = timeout
        self._socket = None
        self.page, self.query = "", ""  # the page shown and its address bar's query string
        self.last: RerunResult | None = None  # what the last rerun showed

    async def __aenter__(self) -> StreamlitSession:
        self._socket = await websockets.connect(
            self.ws_url,
            subprotocols=["streamlit"],
            origin=self.origin,
            max_size=None,
            open_timeout=self.timeout,
            ping_interval=None,
        )
        self._tcp = self._socket.transport.get_extra_info("socket")
        self._tcp.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return self

    def _ack_now(self) -> None:
        """Acknowledge at once: otherwise Linux delays our ACKs by up to 40 ms and the server,
        waiting for them before its next small message, adds that to every rerun."""
        if hasattr(socket, "TCP_QUICKACK"):
            self._tcp.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)

    async def __aexit__(self, *exc) -> None:
        await self._socket.close()

    async def rerun(self, page: str = "", query: str = "") -> RerunResult:
        """Run `page` (its url path; "" for the default) with the URL query string `query`."""
        self.page, self.query = page, query
        return await self._run(BackMsg())

    async def press(self, label: str) -> RerunResult:
        """Click the button labelled `label` on the page the last rerun showed, as a browser
        does: rerun the same page and address bar with the button's trigger set."""
        if self.last is None or label not in self.last.buttons:
            shown = list(self.last.buttons) if self.last else []
            raise LookupError(f"no button {label!r} on the page (buttons: {shown})")
        button = self.last.buttons[label]
        if button.disabled:
            raise LookupError(f"the button {label!r} is disabled")
        message = BackMsg()
        message.rerun_script.widget_states.widgets.add(id=button.id, trigger_value=True)
        return await self._run(message)

    async def send_rerun(self, page: str = "", query: str = "") -> None:
        """Ask for a rerun without waiting for it, as a client flooding the server does."""
        message = BackMsg()
        message.rerun_script.query_string = query
        message.rerun_script.page_name = page
        await self._socket.send(message.SerializeToString())

    async def drain(self, seconds: float) -> int:
        """Read (and drop) what the server sends for `seconds`; returns how many bytes."""
        received = 0
        deadline = time.perf_counter() + seconds
        while (remaining := deadline - time.perf_counter()) > 0:
            self._ack_now()
            try:
                received += len(await asyncio.wait_for(self._socket.recv(), remaining))
            except TimeoutError:
                break
        return received

    async def _run(self, message: BackMsg) -> RerunResult:
        message.rerun_script.query_string = self.query
        message.rerun_script.page_name = self.page
        start = time.perf_counter()
        await self._socket.send(message.SerializeToString())
        result = RerunResult(0.0, 0)
        texts: dict[tuple[int, ...], str] = {}  # by delta path: a later element replaces an earlier
        deadline = start + self.timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                result.finished = False
                break
            self._ack_now()
            try:
                data = await asyncio.wait_for(self._socket.recv(), remaining)
            except TimeoutError:
                result.finished = False
                break
            result.bytes += len(data)
            forward = ForwardMsg()
            forward.ParseFromString(data)
            kind = forward.WhichOneof("type")
            if kind == "new_session":  # a script run starts: what the page shows is drawn anew
                texts.clear()
                result.buttons.clear()
                result.widgets.clear()
            elif kind == "page_info_changed":
                self.query = forward.page_info_changed.query_string
            elif kind == "navigation":  # the page shown: a browser's address bar follows st.switch_page
                shown = forward.navigation.page_script_hash
                pages = forward.navigation.app_pages
                self.page = next((p.url_pathname for p in pages if p.page_script_hash == shown), self.page)
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                self._collect(forward.delta.new_element, tuple(forward.metadata.delta_path), result, texts)
            elif kind == "script_finished":
                if forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                break
        result.ms = (time.perf_counter() - start) * 1000
        result.texts = list(texts.values())
        self.last = result
        return result

    @staticmethod
    def _collect(element, path: tuple[int, ...], result: RerunResult, texts: dict) -> None:
        kind = element.WhichOneof("type")
        proto = getattr(element, kind)
        if getattr(proto, "id", "") and hasattr(proto, "label"):
            result.widgets[proto.label] = proto.id
        if kind == "exception":
            result.exceptions.append(element.exception.message)
        elif kind == "plotly_chart":
            result.chart_bytes += len(element.plotly_chart.spec.encode())
        elif kind == "button":
            result.buttons[element.button.label] = ButtonInfo(element.button.id, element.button.disabled)
        elif kind == "markdown":
            texts[path] = element.markdown.body
        elif kind == "alert":
            texts[path] = element.alert.body
        elif kind in ("dataframe", "table"):
            result.tables.append(proto.arrow_data.data)
        elif kind == "progress":
            texts[path] = element.progress.text
            result.progress.append((time.perf_counter(), element.progress.value))
        else:
            texts.pop(path, None)  # something else now stands where a text was
