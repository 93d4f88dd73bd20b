// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

class ChatController;
class CompareController;
class DownloadsController;
class HubSearchModel;
class LibraryController;
class MachineInfo;
class ModelPageController;
class Navigator;
class Preferences;
class WelcomeController;

/// The controllers the composition root builds, for the test hook (E2eDriver steps). Non-owning.
struct GuiServices {
    Preferences *preferences = nullptr;
    Navigator *navigator = nullptr;
    MachineInfo *machine = nullptr;
    HubSearchModel *search = nullptr;
    ModelPageController *modelPage = nullptr;
    DownloadsController *downloads = nullptr;
    LibraryController *library = nullptr;
    ChatController *chat = nullptr;
    CompareController *compare = nullptr;
    WelcomeController *welcome = nullptr;
};

class E2eDriver;
/// Adds the app's steps (search, open-model, download, chat, compare, vote, …) to the driver.
void registerE2eSteps(E2eDriver &driver, const GuiServices &services);
