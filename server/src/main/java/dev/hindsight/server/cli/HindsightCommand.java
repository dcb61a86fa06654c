package dev.hindsight.server.cli;

public final class HindsightCommand {
    public static void main(String[] args) {
        System.out.println("hindsight");
    }
}
