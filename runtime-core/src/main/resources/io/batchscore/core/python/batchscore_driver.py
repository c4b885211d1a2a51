"""BatchScore's Python worker driver: runs a managed-endpoint scoring script (init, run, shutdown)
for one BatchScore worker. Standard library only (pandas only for tabular input).

The JVM starts the interpreter with a tiny bootstrap that reads this file from stdin and runs it.
Everything after that goes over the process's pipes in frames of protocol version 1:

    frame = length (4 bytes, unsigned big-endian) + payload (length bytes of UTF-8 JSON object)

    Python -> JVM first:  {"type": "hello", "protocol": 1, "pid", "python", "executable"}
    JVM -> Python, then per request any number of "log" frames and one reply:
      {"op": "init", "script", "code", "argv": [...], "tabular": bool}  -> ok | error
      {"op": "run", "index", "attempt", "files": [path, ...]}          -> result | error
      {"op": "run", "index", "attempt", "columns": [...], "rows": [[...], ...]}   (tabular)
      {"op": "check", "packages": [{"name", "modules": [...], "distributions": [...]}]}
                                                      -> {"type": "checked", "packages":
                                                          [{"name", "found", "version"}]}
      {"op": "shutdown"}                              -> ok | error, then the process exits
    replies and log frames:
      {"type": "ok"}   {"type": "result", "rows": ["one output line", ...]}
      {"type": "error", "kind", "message", "traceback", "missing_module" (when one is)}
      {"type": "log", "level", "name", "msg"}
    The JVM closing stdin without a shutdown ends the process group.

The script's print() and its stderr go to the process's stderr (the JVM writes them to the
worker's stdout log); its logging records go to the JVM as "log" frames. The process puts itself
in a process group of its own (the JVM kills the group on a timeout) and kills that group when its
parent (the JVM) goes away, so no process it started outlives the job.
"""
import csv
import importlib.util
import io
import json
import logging
import os
import signal
import struct
import sys
import threading
import time
import traceback

PROTOCOL = 1
_HEADER = struct.Struct('>I')
_MAX_FRAME = 1 << 30


def _watch_parent(parent, cleanup):
    """Kills this process group when the JVM that started it has gone (reparented)."""
    while True:
        time.sleep(0.2)
        if os.getppid() != parent:
            _remove_link_dir(cleanup)
            os.killpg(os.getpgrp(), signal.SIGKILL)


def _remove_link_dir(path):
    """Removes the folder of links that is AZUREML_MODEL_DIR: the links, never what they name."""
    if not path:
        return
    try:
        for name in os.listdir(path):
            if os.path.islink(os.path.join(path, name)):
                os.unlink(os.path.join(path, name))
        os.rmdir(path)
    except OSError:
        pass


class Channel:
    """The framed pipes to the JVM; sends may come from any thread (logging), so they lock."""

    def __init__(self, fd_in, fd_out):
        self._in = os.fdopen(fd_in, 'rb', buffering=1 << 16)
        self._out = os.fdopen(fd_out, 'wb', buffering=0)
        self._lock = threading.Lock()

    def send(self, message):
        data = json.dumps(message, ensure_ascii=False, default=str).encode('utf-8')
        frame = _HEADER.pack(len(data)) + data
        with self._lock:
            self._out.write(frame)

    def receive(self):
        header = self._in.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return None
        (length,) = _HEADER.unpack(header)
        if length > _MAX_FRAME:
            raise ValueError('frame of %d bytes' % length)
        data = self._in.read(length)
        if len(data) < length:
            return None
        return json.loads(data.decode('utf-8'))


class FrameHandler(logging.Handler):
    """Sends each logging record to the JVM, which writes it to the worker's logs."""

    def __init__(self, channel):
        super().__init__(logging.NOTSET)
        self._channel = channel

    def emit(self, record):
        try:
            message = record.getMessage()
            if record.exc_info:
                message += '\n' + ''.join(traceback.format_exception(*record.exc_info)).rstrip()
            elif record.exc_text:
                message += '\n' + record.exc_text
            self._channel.send({'type': 'log', 'level': record.levelname, 'name': record.name,
                                'msg': message})
        except Exception:  # a record that cannot be sent must not fail the script
            self.handleError(record)


def _error(exc, skip_frames):
    """An error frame for an exception of the script, without the driver's own frames."""
    tb = exc.__traceback__
    for _ in range(skip_frames):
        if tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
    text = ''.join(traceback.format_exception(type(exc), exc, tb)).rstrip()
    message = {'type': 'error', 'kind': type(exc).__name__, 'message': str(exc),
               'traceback': text}
    if isinstance(exc, ModuleNotFoundError) and exc.name:
        message['missing_module'] = exc.name
    return message


def _rows(result):
    """What run returned, as the rows the managed driver writes: one per element or data row."""
    if result is None:
        raise TypeError('run returned None instead of a list or a DataFrame')
    if isinstance(result, (str, bytes)):
        raise TypeError('run returned a %s instead of a list or a DataFrame'
                        % type(result).__name__)
    if type(result).__name__ == 'DataFrame' and hasattr(result, 'to_csv'):
        return _frame_rows(result)
    rows = []
    for element in result:
        if isinstance(element, bytes):
            element = element.decode('utf-8', 'replace')
        rows.append(element if isinstance(element, str) else str(element))
    return rows


def _frame_rows(frame):
    """A DataFrame's rows, values separated by single spaces, no header, no index."""
    if len(frame) == 0:
        return []
    text = frame.to_csv(sep=' ', header=False, index=False)
    lines = text.splitlines()
    if len(lines) == len(frame):
        return lines
    # a value holding a line break: one row at a time
    return [frame.iloc[i:i + 1].to_csv(sep=' ', header=False, index=False).rstrip('\r\n')
            for i in range(len(frame))]


def _table(columns, rows):
    """A tabular mini-batch as the cloud hands it over: a DataFrame read by pandas from CSV."""
    import pandas
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows(rows)
    buffer.seek(0)
    return pandas.read_csv(buffer)


def _version(distributions):
    try:
        from importlib import metadata
    except ImportError:  # Python 3.7
        return None
    for name in distributions:
        try:
            return metadata.version(name)
        except Exception:
            continue
    return None


class Driver:

    def __init__(self, channel):
        self.channel = channel
        self.module = None

    def init(self, request):
        code = request['code']
        script = request['script']
        sys.argv = [script] + list(request.get('argv', []))
        if code not in sys.path:
            sys.path.insert(0, code)
        if request.get('tabular'):
            try:
                import pandas  # noqa: F401
            except ImportError as e:
                raise ImportError('tabular input is handed to run() as a pandas.DataFrame, and'
                                  ' pandas cannot be imported: %s' % e) from e
        name = os.path.splitext(os.path.basename(script))[0]
        spec = importlib.util.spec_from_file_location(name, script)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        for required in ('init', 'run'):
            if not callable(getattr(module, required, None)):
                raise AttributeError('%s defines no %s() function' % (script, required))
        self.module = module
        module.init()
        return {'type': 'ok'}

    def run(self, request):
        if 'files' in request:
            mini_batch = request['files']
        else:
            mini_batch = _table(request['columns'], request['rows'])
        result = self.module.run(mini_batch)
        return {'type': 'result', 'rows': _rows(result)}

    def check(self, request):
        """Which of the conda file's packages this interpreter can import, and their versions."""
        found = []
        for package in request.get('packages', []):
            spec = None
            for module in package['modules']:
                try:
                    spec = importlib.util.find_spec(module)
                except (ImportError, ValueError):
                    spec = None
                if spec is not None:
                    break
            found.append({'name': package['name'], 'found': spec is not None,
                          'version': _version(package['distributions'])})
        return {'type': 'checked', 'packages': found}

    def shutdown(self, request):
        hook = getattr(self.module, 'shutdown', None) if self.module else None
        if callable(hook):
            hook()
        return {'type': 'ok'}


def main():
    os.setpgid(0, 0)
    proto_in = os.dup(0)
    proto_out = os.dup(1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)  # print() goes where stderr goes: the worker's log
    channel = Channel(proto_in, proto_out)
    parent = int(os.environ.get('BATCHSCORE_PARENT_PID', os.getppid()))
    link_dir = os.environ.get('BATCHSCORE_MODEL_LINK_DIR', '')
    threading.Thread(target=_watch_parent, args=(parent, link_dir), daemon=True,
                     name='batchscore-parent-watch').start()

    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(FrameHandler(channel))
    root.setLevel(os.environ.get('BATCHSCORE_LOGGING_LEVEL', 'INFO'))
    logging.captureWarnings(True)

    channel.send({'type': 'hello', 'protocol': PROTOCOL, 'pid': os.getpid(),
                  'python': sys.version.split()[0], 'executable': sys.executable})
    try:
        serve(channel)
    except BaseException:
        # the pipes broke (the JVM has gone) or the driver failed: nothing it started may stay
        _remove_link_dir(link_dir)
        os.killpg(os.getpgrp(), signal.SIGKILL)
    # atexit handlers run; the interpreter's slow teardown (torch's, for one) is skipped
    import atexit
    atexit._run_exitfuncs()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def serve(channel):
    """Answers requests until a shutdown; the JVM closing the pipe first ends the process group."""
    driver = Driver(channel)
    handlers = {'init': driver.init, 'run': driver.run, 'check': driver.check,
                'shutdown': driver.shutdown}
    while True:
        request = channel.receive()
        if request is None:
            raise EOFError('the JVM closed the pipe without a shutdown')
        op = request.get('op')
        handler = handlers.get(op)
        if handler is None:
            channel.send({'type': 'error', 'kind': 'ProtocolError', 'message': 'unknown op %r' % op,
                          'traceback': ''})
            continue
        try:
            reply = handler(request)
        except Exception as e:  # the script's failure fails this request only
            reply = _error(e, 2)
        except SystemExit as e:
            reply = _error(e, 2)
        sys.stdout.flush()
        sys.stderr.flush()
        channel.send(reply)
        if op == 'shutdown':
            return


main()
