package dev.confab;
public final class Main { public static void main(String[] a) { System.out.println(Runtime.version()); } }
