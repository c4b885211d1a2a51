#!/usr/bin/env python3
"""Splits a `perf record -g` profile of a BatchScore (or bare loop) run into the issue-20 items.

    perf script -i perf.data -F comm,tid,time,ip,sym,dso | benchmarks/profile/classify.py [--interval-ms MS]

Each sample (one CPU-clock tick of one thread, user or kernel) goes to the first item below whose
rule matches: the thread name first (JIT compiler threads, GC threads), then the stack, any frame,
in the order of RULES. Java frames are named through the perf map the JVM writes with
-XX:+DumpPerfMapAtExit; a frame the interpreter runs has no name ("Interpreter"), so a sample whose
Java frames are all interpreted lands in "interpreted, unattributed" (warm-up). Prints the items'
CPU seconds (samples x interval) and shares, and the top leaf frames of "other".
"""
import re
import sys
from collections import Counter, defaultdict

THREADS = [
    ("JIT compilation", re.compile(r"^(C1|C2) CompilerThre")),
    ("GC", re.compile(r"^(GC Thread|G1 |VM Thread|VM Periodic)")),
    ("launcher script (sh)", re.compile(r"^(sh|grep|dirname|sed|cat)$")),
]

# (item, pattern over "symbol (dso)" of any frame); first match wins
RULES = [
    ("JVM start and exit", r"JNI_CreateJavaVM|Threads::create_vm|_dl_start|_dl_relocate|dl_open_worker|"
     r"_GLOBAL__sub_I|before_exit|DestroyJavaVM|vm_exit|call_init |exit_globals|os::init"),
    ("class loading", r"SystemDictionary::|ClassFileParser|ClassLoader::|Verifier::|ClassVerifier|"
     r"LinkResolver::|InstanceKlass::link|InstanceKlass::initialize|java\.lang\.ClassLoader|"
     r"jdk\.internal\.loader|URLClassLoader|ServiceLoader|Class\.forName|MethodHandleNatives|"
     r"java\.lang\.invoke\.|ConstantPool::|Rewriter::|JVM_DefineClass|JVM_FindLoadedClass|"
     r"Unsafe_DefineClass|System\.loadLibrary|Runtime\.load|NativeLibrar|CDS|FileMapInfo|MetaspaceShared"),
    ("JIT compilation", r"CompileBroker::|Deoptimization::|frequency_counter_overflow|"
     r"CompilationPolicy::|SharedRuntime::resolve|nmethod::"),
    ("GC", r"G1CollectedHeap::|MemAllocator|CollectedHeap::|TLAB|OptoRuntime::new_|"
     r"G1BarrierSet|SafepointSynchronize|OptoRuntime::multianewarray"),
    ("ONNX Runtime", r"ai\.onnxruntime|libonnxruntime"),
    ("PNG inflate and unfiltering", r"GrayPngDecoder|java\.util\.zip\.Inflater"),
    ("file reading", r"readAllBytes|FileChannelImpl|UnixChannelFactory|FileDispatcherImpl|"
     r"RandomAccessFile|ChannelInputStream|ImageFileReader|FileBytes|FileInputStream|"
     r"FileDescriptor|FileCleanable"),
    ("tensor fill", r"FashionMnistImages|ImageIO"),
    ("logging", r"core\.logs\.(WorkerLogger|LogFile|LogTimestamp|JobLog|LogHold)|StreamEncoder|"
     r"BufferedWriter|System\$Logger"),
    ("progress", r"core\.logs\.(Progress|ProgressReporter|ProgressView)|core\.job\.JobProgress"),
    ("metrics", r"core\.metrics|micrometer|prometheus"),
    ("row formatting", r"RowFormatter|PartResult|FashionMnistScorer\$\$Lambda|FashionMnistScorer\.lambda|"
     r"Labels\.|FashionMnistImages\$Batch\.results|BareOnnxLoop\.lambda"),
    ("report (end of job)", r"core\.report\."),
    ("commits (journal, report CSVs, predictions)", r"core\.output\.|core\.resume\.|JobOutputs|JobState|"
     r"CompletedBatch|OrderedOutput|LineFile"),
    ("listing", r"core\.input\.|UnixDirectoryStream|Files\.list|readdir"),
    ("scheduling", r"core\.schedule\.|core\.job\.|java\.util\.concurrent\.|Unsafe_Park|Parker::|"
     r"futex"),
    ("set-up (CLI, deployment, scorer loading)", r"picocli|core\.cli\.|core\.deployment\.|jackson|"
     r"core\.device\.|core\.scorer\.|snakeyaml"),
]
RULES = [(name, re.compile(p)) for name, p in RULES]
# on a worker thread, a stack that did not unwind: the decoder is the only libz user there, and
# opening and reading the images its only open/read
NATIVE_WORKER = [(name, re.compile(p)) for name, p in [
    ("PNG inflate and unfiltering", r"libz\.so"),
    ("file reading", r"sys_openat|do_sys_open|path_openat|do_dentry_open|link_path_walk|ksys_read|"
     r"vfs_read|__x64_sys_close|__fput|filp_close|__d_lookup"),
    ("listing", r"newfstatat|vfs_statx|getdents"),
]]
ORDER = ["JVM start and exit", "class loading", "set-up (CLI, deployment, scorer loading)",
         "listing", "file reading", "PNG inflate and unfiltering", "tensor fill", "ONNX Runtime",
         "row formatting", "commits (journal, report CSVs, predictions)", "logging", "progress",
         "metrics", "scheduling", "report (end of job)", "JIT compilation", "GC",
         "interpreted, unattributed", "launcher script (sh)", "other"]


def samples(stream):
    head, frames = None, []
    for line in stream:
        line = line.rstrip("\n")
        if not line:
            if head is not None:
                yield head, frames
            head, frames = None, []
        elif line[0] in " \t":
            parts = line.strip().split(" ", 1)
            frames.append(parts[1] if len(parts) > 1 else parts[0])
        else:
            head = line
    if head is not None:
        yield head, frames


def classify(comm, frames):
    for name, pat in THREADS:
        if pat.search(comm):
            return name
    text = "\n".join(frames)
    for name, pat in RULES:
        if pat.search(text):
            return name
    # native code whose stack does not unwind to Java (libz and libc have no frame pointers)
    if comm.startswith("batchscore-node") or comm.startswith("bare-"):
        for name, pat in NATIVE_WORKER:
            if pat.search(text):
                return name
    if "Interpreter" in text:
        return "interpreted, unattributed"
    return "other"


def main():
    interval = 1000.0 / 499
    args = sys.argv[1:]
    if args[:1] == ["--interval-ms"]:
        interval = float(args[1])
    counts = Counter()
    other = Counter()
    threads = defaultdict(Counter)
    for head, frames in samples(sys.stdin):
        comm = re.split(r"\s+\d+\s+\d+\.\d+:", head)[0].strip()
        item = classify(comm, frames)
        counts[item] += 1
        threads[item][comm] += 1
        if item == "other":
            other[(frames[0] if frames else "?")[:90]] += 1
    total = sum(counts.values())
    print("| item | CPU s | share |")
    print("| --- | --- | --- |")
    for item in ORDER:
        if counts[item]:
            print("| %s | %.2f | %.1f %% |" % (item, counts[item] * interval / 1000,
                                             100.0 * counts[item] / total))
    print("| total (%d samples) | %.2f | |" % (total, total * interval / 1000))
    print("\ntop leaf frames of 'other':")
    for f, n in other.most_common(12):
        print("  %5d  %s" % (n, f))
    print("\nthreads per item:")
    for item in ORDER:
        if counts[item]:
            print("  %s: %s" % (item, ", ".join("%s %d" % kv for kv in threads[item].most_common(4))))


if __name__ == "__main__":
    main()
