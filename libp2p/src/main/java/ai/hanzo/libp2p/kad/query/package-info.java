/**
 * The iterative Kademlia lookup: {@link ai.hanzo.libp2p.kad.query.LookupState} is the bookkeeping without I/O (whom
 * we heard of, asked, heard back from), {@link ai.hanzo.libp2p.kad.query.Lookup} drives it with real requests.
 */
package ai.hanzo.libp2p.kad.query;
