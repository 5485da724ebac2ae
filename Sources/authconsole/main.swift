import AuthCore
#if canImport(Glibc)
import Glibc
#endif

signal(SIGPIPE, SIG_IGN)
setlocale(LC_ALL, "")
exit(CommandLineInterface.run(Array(CommandLine.arguments.dropFirst())))
