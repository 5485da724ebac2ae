import AuthCore
#if canImport(Glibc)
import Glibc
#endif

signal(SIGPIPE, SIG_IGN)
// Over RLIMIT_FSIZE a write fails with EFBIG instead of killing the process, so an export is
// cleaned up and reported like a full disk, not left half-written.
signal(SIGXFSZ, SIG_IGN)
// SIGINT/SIGTERM/SIGHUP remove the temporary file of an unfinished export, then end the process.
InterruptCleanup.install()
setlocale(LC_ALL, "")
exit(CommandLineInterface.run(Array(CommandLine.arguments.dropFirst())))
