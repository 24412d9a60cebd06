"""One module per source format; each turns bytes or text into ``list[Block]`` (see ``planparse.blocks``)."""
