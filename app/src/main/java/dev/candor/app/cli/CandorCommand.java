package dev.candor.app.cli;

/** Placeholder entry point; replaced by the picocli command line. */
public final class CandorCommand {
    public static void main(String[] args) {
        System.out.println("candor");
    }
}
