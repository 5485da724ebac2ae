public enum AuthCoreVersion { public static let string = "0.1.0" }
