#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""A small HTTP load generator for bench/bench_backends.sh.

usage: web_load.py URL [--clients N] [--seconds S] [--token T]
       [--post JSON_TEMPLATE]

Keeps N connections busy for S seconds (keep-alive, one request at a
time each) and prints one line: requests, errors, requests per second,
median and 99th-percentile latency in milliseconds.  With --post, each
request POSTs the template with {n} replaced by a unique number.
"""
import argparse
import http.client
import threading
import time
import urllib.parse


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('url')
    ap.add_argument('--clients', type=int, default=4)
    ap.add_argument('--seconds', type=float, default=5.0)
    ap.add_argument('--token')
    ap.add_argument('--post')
    a = ap.parse_args()
    u = urllib.parse.urlsplit(a.url)
    path = u.path + ('?' + u.query if u.query else '')
    headers = {}
    if a.token:
        headers['Authorization'] = 'Bearer ' + a.token
    if a.post:
        headers['Content-Type'] = 'application/json'
    lat, errs, lock = [], [0], threading.Lock()
    counter = [0]
    stop = time.monotonic() + a.seconds

    def client(cid):
        c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
        mine = []
        while time.monotonic() < stop:
            body = None
            if a.post:
                with lock:
                    counter[0] += 1
                    n = counter[0]
                body = a.post.replace('{n}', '%d-%d' % (cid, n))
            t0 = time.monotonic()
            try:
                c.request('POST' if a.post else 'GET', path, body=body,
                          headers=headers)
                r = c.getresponse()
                r.read()
                ok = 200 <= r.status < 300
            except (OSError, http.client.HTTPException):
                ok = False
                c.close()
                c = http.client.HTTPConnection(u.hostname, u.port,
                                               timeout=30)
            mine.append(time.monotonic() - t0)
            if not ok:
                with lock:
                    errs[0] += 1
        with lock:
            lat.extend(mine)

    ts = [threading.Thread(target=client, args=(i,))
          for i in range(a.clients)]
    t0 = time.monotonic()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    wall = time.monotonic() - t0
    lat.sort()
    n = len(lat)
    p50 = lat[n // 2] * 1000 if n else 0
    p99 = lat[min(n - 1, int(n * 0.99))] * 1000 if n else 0
    print('%d requests, %d errors, %.0f req/s, p50 %.1f ms, p99 %.1f ms'
          % (n, errs[0], n / wall if wall else 0, p50, p99))


if __name__ == '__main__':
    main()
