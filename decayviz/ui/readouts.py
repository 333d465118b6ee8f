"""Numbers for reading on the page, as text: a page draws its readouts as one markdown
element, because every element costs each rerun (see README, Performance)."""


def readout_table(readouts: dict[str, str]) -> str:
    """All readouts in one markdown table (labels above, values in bold): one element instead
    of one st.metric each, inside as many st.columns."""
    return "\n".join(
        [
            "| " + " | ".join(readouts) + " |",
            "|" + "---|" * len(readouts),
            "| " + " | ".join(f"**{v}**" for v in readouts.values()) + " |",
        ]
    )
