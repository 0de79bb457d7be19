#!/usr/bin/env python3
"""Send-side RTP pacing from a packet capture (kernel timestamps), as RtpPacingBenchmark measures it
on the receive side: per SSRC, packet k (from the RTP timestamp, 160 per 20 ms frame) ideally leaves
at phase + k * 20 ms, phase being the stream's median of (time - k * 20 ms); the deviation is the
distance from that grid.

    dumpcap -q -i lo -P -s 64 -f "udp and greater 200" -w /tmp/pace.pcap -a duration:45 &
    mvn ... -Dtest=RtpPacingBenchmark -Dbench.streams=500 -Dbench.seconds=20
    bench/rtp-pacing-pcap.py /tmp/pace.pcap [skip-seconds] [measure-seconds]
"""
import struct
import sys
from collections import defaultdict


def main(path, skip, measure):
    with open(path, 'rb') as f:
        header = f.read(24)
        magic = struct.unpack('<I', header[:4])[0]
        nanos = magic == 0xa1b23c4d
        linktype = struct.unpack('<I', header[20:24])[0]
        link_len = {1: 14, 113: 16, 0: 4}.get(linktype, 14)
        packets = defaultdict(list)
        first = None
        while True:
            rec = f.read(16)
            if len(rec) < 16:
                break
            sec, frac, incl, _ = struct.unpack('<IIII', rec)
            data = f.read(incl)
            t = sec + frac / (1e9 if nanos else 1e6)
            ip = data[link_len:]
            if len(ip) < 20 or ip[0] >> 4 != 4 or ip[9] != 17:
                continue
            rtp = ip[(ip[0] & 0x0f) * 4 + 8:]
            if len(rtp) < 12 or rtp[0] >> 6 != 2 or (rtp[1] & 0x7f) >= 72:
                continue  # not RTP (RTCP's packet types 200-204 have the second byte >= 200)
            ts, ssrc = struct.unpack('>II', rtp[4:12])
            first = t if first is None else first
            if first + skip <= t < first + skip + measure:
                packets[ssrc].append((t, ts))
    deviations = []
    for ssrc, pkts in packets.items():
        t0 = pkts[0][1]
        phases = sorted(t - ((ts - t0) % 2**32) / 160 * 0.020 for t, ts in pkts)
        median = phases[len(phases) // 2]
        deviations += [abs(p - median) for p in phases]
    deviations.sort()
    n = len(deviations)
    pick = lambda q: deviations[min(n - 1, int(q * n))] * 1000
    print(f"capture: {len(packets)} streams, {n} RTP packets in {measure} s after skipping {skip} s")
    print(f"send-side deviation from each stream's 20 ms grid: p50 {pick(0.5):.3f} ms, p99 {pick(0.99):.3f} ms, "
          f"p99.9 {pick(0.999):.3f} ms, max {deviations[-1] * 1000:.3f} ms")


if __name__ == '__main__':
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 8, float(sys.argv[3]) if len(sys.argv) > 3 else 20)
