package ai.hanzo.libp2p.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelPromise;

/** Bytes a stream's user wrote that have not yet all left as data frames. */
record PendingWrite(ByteBuf data, ChannelPromise promise) {}
