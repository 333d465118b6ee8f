"""A headless Streamlit client that speaks the app's own websocket protocol.

It opens /_stcore/stream like a browser tab, asks for reruns with BackMsg.rerun_script (whose
ClientState carries the page and the URL's query string, so a rerun can change the scene
through the URL state) and times each one until the server's script_finished message. Used by
the benchmarks and the classroom load test; needs only streamlit's bundled protobufs.
"""

from __future__ import annotations

import asyncio
import socket
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


@dataclass
class RerunResult:
    ms: float  # from sending the request to the server's script_finished
    bytes: int  # everything the server sent for this rerun
    exceptions: list[str] = field(default_factory=list)  # st.exception elements shown
    chart_bytes: int = 0  # JSON of the plotly charts drawn
    finished: bool = True


class StreamlitSession:
    """One browser-like session; use `async with StreamlitSession(url) as s`."""

    def __init__(self, base_url: str, timeout: float = 120.0) -> None:
        self.ws_url = base_url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.origin = base_url.rstrip("/")
        self.timeout = timeout
        self._socket = None

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
        message = BackMsg()
        message.rerun_script.query_string = query
        message.rerun_script.page_name = page
        start = time.perf_counter()
        await self._socket.send(message.SerializeToString())
        received, exceptions, charts = 0, [], 0
        deadline = start + self.timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                return RerunResult((time.perf_counter() - start) * 1000, received, exceptions, charts, False)
            self._ack_now()
            data = await asyncio.wait_for(self._socket.recv(), remaining)
            received += len(data)
            forward = ForwardMsg()
            forward.ParseFromString(data)
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                if element.WhichOneof("type") == "exception":
                    exceptions.append(element.exception.message)
                elif element.WhichOneof("type") == "plotly_chart":
                    charts += len(element.plotly_chart.spec.encode())
            elif kind == "script_finished":
                if forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                return RerunResult((time.perf_counter() - start) * 1000, received, exceptions, charts)
