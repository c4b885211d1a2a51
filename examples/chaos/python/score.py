"""The chaos scorer of examples/chaos as a Python scoring script: rehearse retries, timeouts,
bisection, dead processes and the error threshold with BatchScore's Python workers.

Each item's row is '<file name>: ok'; no file is read. Faults are regexes on file names, set with
--set environment_variables.NAME=VALUE:
  CHAOS_FAIL       run() raises ValueError for a mini-batch holding a matching item
  CHAOS_HANG       run() sleeps for an hour at a matching item (past retry_settings.timeout)
  CHAOS_EXIT       the process ends with os._exit(3) at a matching item
  CHAOS_SHORT      matching items are left out of the returned list (too few elements)
  CHAOS_EXTRA      a matching item gets a second row (more elements than items)
  CHAOS_DELAY_MS   sleep this many milliseconds per item
  CHAOS_INIT_FAIL  any non-empty value makes init() raise with it
  CHAOS_SPAWN      any non-empty value makes init() start a child process that sleeps
Standard library only.
"""
import logging
import os
import re
import subprocess
import sys
import time

logger = logging.getLogger(__name__)
faults = {}
delay = 0.0
child = None


def _pattern(name):
    value = os.environ.get(name, '')
    return re.compile(value) if value else None


def init():
    global delay, child
    init_fail = os.environ.get('CHAOS_INIT_FAIL', '')
    if init_fail:
        raise RuntimeError('CHAOS_INIT_FAIL: ' + init_fail)
    for name in ('CHAOS_FAIL', 'CHAOS_HANG', 'CHAOS_EXIT', 'CHAOS_SHORT', 'CHAOS_EXTRA'):
        faults[name] = _pattern(name)
    delay = int(os.environ.get('CHAOS_DELAY_MS', '0') or 0) / 1000.0
    if os.environ.get('CHAOS_SPAWN', ''):
        child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(3600)',
                                  'chaos-child'])
        logger.info('chaos child pid %d', child.pid)
    logger.info('chaos script ready in pid %d: %s, delay %s s', os.getpid(),
                {k: v.pattern for k, v in faults.items() if v}, delay)


def _matches(name, item):
    pattern = faults.get(name)
    return pattern is not None and pattern.search(item) is not None


def run(mini_batch):
    rows = []
    for path in mini_batch:
        item = os.path.basename(path)
        if _matches('CHAOS_FAIL', item):
            raise ValueError('CHAOS_FAIL matched ' + item)
        if _matches('CHAOS_HANG', item):
            logger.info('hanging at %s', item)
            time.sleep(3600)
        if _matches('CHAOS_EXIT', item):
            print('exiting at ' + item, flush=True)
            os._exit(3)
        if delay:
            time.sleep(delay)
        if not _matches('CHAOS_SHORT', item):
            rows.append(item + ': ok')
        if _matches('CHAOS_EXTRA', item):
            rows.append(item + ': extra')
    return rows


def shutdown():
    logger.info('chaos script shutting down')
