"""A class over the wire: a phone's (or the projector's) browser as the app's websocket client,
for the classroom scale-out test and the answering load test (bench/classroom_load.py)."""

from __future__ import annotations

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg

from .streamlit_client import RerunResult, StreamlitSession


class Phone(StreamlitSession):
    """A browser with its cookies: Streamlit's XSRF cookie (the app derives the store's voter id
    from it, so a reload or a reconnect is the same student) and nginx's route cookie (which
    backend it sticks to behind nginx). A new Phone with the same name is the same browser."""

    def __init__(self, base_url: str, name: str, timeout: float = 90.0) -> None:
        super().__init__(base_url, timeout=timeout)
        self.cookie = f"_streamlit_xsrf={name}-browser-secret; decayviz_route={name}"

    async def __aenter__(self) -> Phone:
        self._socket = await websockets.connect(
            self.ws_url, subprotocols=["streamlit"], origin=self.origin, max_size=None,
            open_timeout=self.timeout, ping_interval=None, additional_headers={"Cookie": self.cookie},
        )  # fmt: skip
        self._tcp = self._socket.transport.get_extra_info("socket")
        return self

    @property
    def backend(self) -> str:
        """The app process nginx sent this websocket to (nginx's X-Decayviz-Backend test header;
        after a dead backend it names every one it tried: the last answered)."""
        return self._socket.response.headers["X-Decayviz-Backend"].split(", ")[-1]

    async def choose(self, label: str, option_label: str) -> RerunResult:
        """Tap one option of the choice (st.pills) labelled `label`, as a browser does: a rerun
        whose widget state carries the option's label."""
        message = BackMsg()
        state = message.rerun_script.widget_states.widgets.add(id=self.last.widgets[label])
        state.string_array_value.data.append(option_label)
        return await self._run(message)
