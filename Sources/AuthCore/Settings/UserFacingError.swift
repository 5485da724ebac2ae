/// An error whose `message` can be shown to the person running the console as is:
/// one line that says what is wrong and what to do about it. Messages never contain secret values.
public protocol UserFacingError: Error {
    var message: String { get }
}
